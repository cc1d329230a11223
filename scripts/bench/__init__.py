"""Speed and memory measured on made-up data, against peers."""
