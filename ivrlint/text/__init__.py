"""Reading words the way a caller hears them: language, spoken length, announcements."""
