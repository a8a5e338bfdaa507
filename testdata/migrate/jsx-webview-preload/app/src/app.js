const React = require('react')
const { render } = require('react-dom')
const Service = require('./components/Service')
render(React.createElement(Service, { url: 'https://chat.example.com' }), document.getElementById('root'))
// The app's own object; the recipe webview's guest page gets another window.recipe from its preload.
window.recipe = { services: [] }
