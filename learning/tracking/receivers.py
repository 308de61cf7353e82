"""Listeners for other apps' signals. Filled in with the quiz recorder."""
