const React = require('react')
const { render } = require('react-dom')
const Service = require('./components/Service')
render(React.createElement(Service, { url: 'https://chat.example.com' }), document.getElementById('root'))
