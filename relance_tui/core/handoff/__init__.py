"""Hand-offs to the officer's own tools: their phone, their mail program, their calendar."""
