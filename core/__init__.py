"""Platform-neutral core: the request/reply boundary, markup, command registry and dispatch."""
