package cli

// shareCommands are the Sense and Share commands that record what the user
// did: notes, stars, shares, dismissals, history, preferences.
var shareCommands = []command{}
