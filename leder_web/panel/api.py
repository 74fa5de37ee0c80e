"""What other features use of the panel: nothing yet. The actions the panel agrees (a later
feature) will attach to panel.service's decisions through here."""
