"""Text, JSON and Markdown renderings of the records that analyses return (menu statistics,
menu diffs). The analyses never print; these functions turn their records into text."""
