"""Loopback fakes of the chat platforms' servers, driving the real client libraries in tests."""
