window.editor.save('first draft').then((ok) => console.log('saved', ok))
