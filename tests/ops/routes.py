"""Route × role rows of the operations endpoints: health checks answer everyone, signed in or not."""

from tests.route_matrix import everyone

ROUTES = {
    ("GET", "ops.healthz"): everyone(200),
    ("GET", "ops.readyz"): everyone(200),
}
