import { listen } from './handlers'

const store = { dispatch: (action) => console.log(action) }
listen(store)
document.title = 'Fader desk'
