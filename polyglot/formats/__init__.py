"""File formats: each module is a read/write pair on file objects; none touches paths."""
