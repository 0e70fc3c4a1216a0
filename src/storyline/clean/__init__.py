"""Cleaning: page furniture out, metadata (title, outlet, dateline, credits, language) in."""
