"""What to say: events, talking points and email templates, spoken length, rehearsal."""
