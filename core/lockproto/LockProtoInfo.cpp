// Placeholder translation unit until the lock protocol lands (issue 3).
