"""Mailings and service notices: who gets a message, what it says, and how it leaves (Frappe layer)."""
