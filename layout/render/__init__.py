"""Rendering: drawing a composed page with reportlab, embedding fonts, the PNG proof and the text dump."""
