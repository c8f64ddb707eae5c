"""Security headers on every response, set here once rather than per view.

- ``Content-Security-Policy``: scripts only from our own origin (no inline ``<script>`` blocks, no ``on*=``
  attributes, no ``eval``), nothing may frame our pages (``frame-ancestors 'none'``), forms post only to us.
  Inline ``style=`` attributes are still allowed (templates size progress bars with them); scripts are not.
- ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` (older browsers), ``Referrer-Policy``.
- With ``FORCE_HTTPS`` (production): plain-HTTP requests are redirected to HTTPS and HTTPS answers carry
  ``Strict-Transport-Security``. Behind nginx, ``PROXY_FIX`` makes ``X-Forwarded-Proto`` count.

The same headers Flask-Talisman sets, without its side effects (it rewrites cookie settings on each request and
overwrites a response's own, stricter policy): a header a view already set — an uploaded file's download sends
``default-src 'none'; sandbox`` — is kept.
"""

from __future__ import annotations

from flask import Flask, redirect, request

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HSTS_SECONDS = 365 * 24 * 3600


def policy_header(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


def register(app: Flask) -> None:
    csp = policy_header(app.config.get("CONTENT_SECURITY_POLICY") or CONTENT_SECURITY_POLICY)
    force_https = bool(app.config.get("FORCE_HTTPS"))
    if app.config.get("PROXY_FIX"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)

    if force_https:
        @app.before_request
        def redirect_to_https():
            # Health checks come from the load balancer over plain HTTP on the private side.
            if not request.is_secure and request.endpoint not in ("ops.healthz", "ops.readyz"):
                return redirect(request.url.replace("http://", "https://", 1), code=301)
            return None

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", csp)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if force_https and request.is_secure:
            headers.setdefault("Strict-Transport-Security", f"max-age={HSTS_SECONDS}; includeSubDomains")
        return response
