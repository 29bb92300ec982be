"""The guided review: header, navigator, question page, and the controller that talks to core."""
