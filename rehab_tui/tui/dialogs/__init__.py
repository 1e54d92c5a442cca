"""Modal dialogs: small questions and notices shown over a screen, one module each."""
