window.chat.send('hello').then(() => console.log('sent'))
