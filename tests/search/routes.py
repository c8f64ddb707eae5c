"""Route × role rows of the search area: the page is open to everyone; what it finds follows each reader's
visibility (tests/search/test_search.py)."""

from tests.route_matrix import everyone

ROUTES = {("GET", "search.search_page"): everyone(200)}
