"""Demo data: China Minmetals' organisation, its groups and five demo accounts.

``organisation`` holds the data, ``people`` fills every post with a generated person, ``loader`` writes it all to
the database step by step, and ``cli`` registers ``flask demo`` and ``flask demo-logins``.
"""
