// The documentation example page: turns the <text-classifier>'s top label (a section id)
// into a link to that section and highlights it in the sidebar.
const answer = document.getElementById('answer');
document.querySelector('text-classifier').addEventListener('tc-predict', (e) => {
  const top = e.detail.results[0];
  const section = top && document.getElementById(top.label);
  for (const a of document.querySelectorAll('nav a.suggested')) a.classList.remove('suggested');
  if (!section) {
    answer.replaceChildren();
    return;
  }
  const link = document.createElement('a');
  link.href = `#${top.label}`;
  link.textContent = section.querySelector('h2').textContent;
  answer.replaceChildren('Best match: ', link);
  document.querySelector(`nav a[href="#${top.label}"]`)?.classList.add('suggested');
});
