"""Court packets: the request, the official form, the exhibits, one bookmarked PDF."""
