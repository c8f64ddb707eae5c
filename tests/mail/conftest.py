from tests.mail.smtp import smtp_server  # noqa: F401  (the fixture)
