package cli

// suggestCommands are the commands that run the suggestion engine.
var suggestCommands = []command{}
