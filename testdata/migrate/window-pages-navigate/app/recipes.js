const recipes = ['Pancakes', 'Lentil soup', 'Focaccia']
const list = document.getElementById('recipes')
for (const name of recipes) {
  const li = document.createElement('li')
  li.textContent = name
  list.appendChild(li)
}
