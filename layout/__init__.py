"""banmian: sets a Chinese newspaper page into a print-ready PDF."""
