"""One module per API resource; each method validates, then calls the shared request loop."""
