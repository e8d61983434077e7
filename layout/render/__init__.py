"""Rendering: drawing a composed page with reportlab, embedding fonts, the PNG proof and the text dump."""

from reportlab import rl_config

# Binary streams: reportlab's default ASCII85 encoding makes every image a quarter
# larger and costs ~0.1 s per photo in pure Python; PDF/X has no need of it.
rl_config.useA85 = 0
