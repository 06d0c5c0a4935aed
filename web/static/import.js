// The import form with upload progress. Without this file the form posts as usual.
// The bar shows real upload progress (XMLHttpRequest upload events); after the upload the
// server reads and checks the file, which has no progress to report, so the bar then just
// says so.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-import-form]');
  if (!(form instanceof HTMLFormElement)) return;
  const box = form.querySelector('[data-import-progress]');
  const bar = box && box.querySelector('progress');
  const label = box && box.querySelector('[data-import-progress-label]');
  if (!box || !bar || !label) return;

  form.addEventListener('submit', (event) => {
    const input = form.querySelector('input[type="file"]');
    if (!(input instanceof HTMLInputElement) || !input.files || input.files.length === 0) return;
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button instanceof HTMLButtonElement) button.disabled = true;
    box.hidden = false;
    bar.value = 0;
    label.textContent = 'Laddar upp filen … 0 %';

    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      bar.value = percent;
      label.textContent = `Laddar upp filen … ${percent} %`;
    });
    request.upload.addEventListener('load', () => {
      bar.removeAttribute('value');
      label.textContent = 'Filen är uppladdad. Läser och kontrollerar raderna …';
    });
    request.addEventListener('load', () => {
      // Success redirects to the preview; anything else is a page to show as it is.
      if (request.responseURL && request.responseURL !== form.action) {
        window.location.assign(request.responseURL);
        return;
      }
      const page = new DOMParser().parseFromString(request.responseText, 'text/html');
      document.replaceChild(document.adoptNode(page.documentElement), document.documentElement);
    });
    request.addEventListener('error', () => {
      // The network failed: fall back to the plain form post.
      box.hidden = true;
      if (button instanceof HTMLButtonElement) button.disabled = false;
      form.submit();
    });
    request.send(new FormData(form));
  });
});
