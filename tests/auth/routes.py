from tests.route_matrix import everyone, signed_in

ROUTES = {
    ("GET", "core.home"): signed_in(200),
    ("POST", "core.set_language"): everyone(302),
    ("GET", "auth.login"): signed_in(302, anonymous=200),
    ("POST", "auth.login"): signed_in(302, anonymous=200),
    ("POST", "auth.logout"): signed_in(302),
    ("GET", "auth.change_password"): signed_in(200),
    ("POST", "auth.change_password"): signed_in(200),
}
