const fs = window.nodeRequire('fs')
document.getElementById('out').textContent = fs.readFileSync('README.md', 'utf8') + markdown.version
