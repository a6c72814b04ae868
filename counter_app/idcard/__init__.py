"""Second-generation resident ID-card readers: a vendor SDK through ctypes, or simulated."""
