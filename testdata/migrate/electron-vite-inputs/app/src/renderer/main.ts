const relay = (window as any).relay
relay.connect('wss://chat.example.com')
