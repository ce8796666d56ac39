"""Renderings of the records that analyses return: menu statistics, menu diffs and transfer
reports. The analyses never print; these modules turn their records into text."""
