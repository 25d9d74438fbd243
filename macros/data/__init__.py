"""Reading and checking the data: YAML with line numbers, the models, validation, German
messages, and the domain rules that validation and rendering share (street ranges).

Imports nothing from the other parts."""
