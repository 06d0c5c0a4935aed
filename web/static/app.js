// Small enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // After a failed submit, move focus to the error summary so it is read out first.
  const summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
  // The main menu's groups: one open at a time; Escape or a click elsewhere closes it.
  const groups = [...document.querySelectorAll('.menu-group details')];
  for (const group of groups) {
    group.addEventListener('toggle', () => {
      if (group.open) for (const other of groups) if (other !== group) other.open = false;
    });
  }
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const open = groups.find((g) => g.open);
    if (open) { open.open = false; open.querySelector('summary')?.focus(); }
  });
  document.addEventListener('click', (event) => {
    for (const group of groups) if (group.open && !group.contains(event.target)) group.open = false;
  });
  // Print buttons exist only where printing makes a document; without JavaScript the browser's own print works.
  for (const button of document.querySelectorAll('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
});
