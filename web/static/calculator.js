// The cost calculator (/kostnader/kalkylator), enhanced: the page works without this file
// (the form is sent with GET). With it, every change asks POST /api/v1/allocations/preview
// and updates the result in place; the status line announces it politely.
(() => {
  const form = document.getElementById('kalkylator');
  const content = document.getElementById('kalkyl-innehall');
  const status = document.getElementById('kalkyl-status');
  if (!(form instanceof HTMLFormElement) || !content || !status) return;
  const endpoint = form.dataset.preview;
  const parts = [1, 2, 3];
  const integer = new Intl.NumberFormat('sv-SE');
  const percent = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  /** Öre as "33 333,34 kr", exactly (as web/costs/calculator.tsx). */
  const kronor = (ore) => {
    const magnitude = Math.abs(ore);
    return `${ore < 0 ? '−' : ''}${integer.format(Math.trunc(magnitude / 100))},${String(magnitude % 100).padStart(2, '0')} kr`;
  };
  const share = (amount, total) => `${percent.format(total === 0 ? 0 : (amount / total) * 100)} %`;

  /** "125 000,50" → 12500050 öre, as worker/forms.ts kronorToOre; a leading minus is a credit. */
  const toOre = (text) => {
    let compact = text.replace(/[\s\u00a0]/g, '').replace(/kr$/i, '');
    const negative = /^[-−]/.test(compact);
    if (negative) compact = compact.slice(1);
    const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
    if (!match) return undefined;
    const ore = Number(match[1]) * 100 + Number((match[2] || '0').padEnd(2, '0'));
    return Number.isSafeInteger(ore) ? (negative ? -ore || 0 : ore) : undefined;
  };
  const decimal = (text) => {
    const compact = text.replace(/[\s\u00a0]/g, '');
    return /^\d+(?:[.,]\d+)?$/.test(compact) ? Number(compact.replace(',', '.')) : undefined;
  };
  const value = (name) => (form.elements.namedItem(name)?.value ?? '').trim();

  /** The form as the API's input, and the form's part number of each API part. */
  function request() {
    const errors = [];
    const participants = [...form.querySelectorAll('input[name="kommun"]:checked')].map((box) => box.value);
    const amountOre = toOre(value('belopp'));
    if (amountOre === undefined) errors.push({ field: 'belopp', message: 'Ange beloppet i kronor, t.ex. 125 000 eller 125 000,50.' });
    const year = value('ar');
    if (!/^\d{4}$/.test(year)) errors.push({ field: 'ar', message: 'Ange året med fyra siffror, t.ex. 2024.' });
    const numbers = [];
    const keyParts = [];
    for (const n of parts) {
      const basis = value(`del${n}`);
      if (!basis) continue;
      numbers.push(n);
      const weight = decimal(value(`del${n}-vikt`));
      if (weight === undefined) errors.push({ field: `del${n}-vikt`, message: 'Ange vikten som ett tal, t.ex. 40 eller 0,4.' });
      const part = { basis, weight };
      if (basis === 'custom') {
        part.weights = {};
        for (const code of participants) {
          const text = value(`del${n}-vikt-${code}`);
          if (text === '') continue;
          const w = decimal(text);
          if (w === undefined) errors.push({ field: `del${n}-vikt-${code}`, message: 'Ange vikten som ett tal större än 0, t.ex. 2 eller 1,5.' });
          else part.weights[code] = w;
        }
      }
      keyParts.push(part);
    }
    if (keyParts.length === 0) errors.push({ field: 'del1', message: 'Välj underlag för minst en del av nyckeln.' });
    const application = value('applikation');
    const body = { amountOre, year: Number(year), participants, key: { parts: keyParts } };
    if (application) body.applicationId = Number(application);
    return { body, errors, numbers };
  }

  /** The API's issue path as the form field it is about (as worker/costs/routes.tsx). */
  const fieldOf = (path, numbers) => {
    if (path === 'amountOre') return 'belopp';
    if (path === 'year') return 'ar';
    if (path === 'applicationId') return 'applikation';
    if (path.startsWith('participants')) return 'kommun';
    const part = /^key\.parts\.(\d+)(?:\.(basis|weights|weight)(?:\.(\d{4}))?)?$/.exec(path);
    if (!part) return 'del1';
    const n = numbers[Number(part[1])] ?? 1;
    if (part[2] === 'weight') return `del${n}-vikt`;
    if (part[2] === 'weights') return part[3] ? `del${n}-vikt-${part[3]}` : `del${n}-vikter`;
    return `del${n}`;
  };

  const element = (tag, attributes = {}, ...children) => {
    const svg = ['svg', 'g', 'rect', 'text'].includes(tag);
    const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    for (const [name, val] of Object.entries(attributes)) node.setAttribute(name, String(val));
    for (const child of children) node.append(child);
    return node;
  };

  const names = () => new Map([...form.querySelectorAll('input[name="kommun"]')].map((box) => [box.value, box.dataset.name || box.value]));

  /** The same chart as web/components/bar-chart.tsx. */
  function chart(title, bars) {
    const max = Math.max(1, ...bars.map((b) => b.value));
    const labelWidth = 130, barArea = 320, rowHeight = 28;
    const svg = element('svg', { viewBox: `0 0 ${labelWidth + barArea + 130} ${bars.length * rowHeight + 8}`, role: 'img', 'aria-label': `${title}. Siffrorna finns i tabellen nedan.`, 'aria-describedby': 'kalkyl-tabell' });
    bars.forEach((bar, i) => {
      const y = i * rowHeight + 4;
      const width = Math.max(1, Math.round((bar.value / max) * barArea));
      svg.append(element('g', {},
        element('text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, bar.label),
        element('rect', { x: labelWidth, y: y + 3, width, height: rowHeight - 10, class: 'chart-bar' }),
        element('text', { x: labelWidth + width + 6, y: y + 17, class: 'chart-value' }, bar.display)));
    });
    return element('figure', { class: 'chart' }, svg, element('figcaption', {}, title));
  }

  function showResult(result) {
    const byCode = names();
    const rows = result.shares.map((s) => element('tr', { 'data-municipality': s.municipality },
      element('th', { scope: 'row' }, `${byCode.get(s.municipality) ?? s.municipality} `, element('span', { class: 'meta' }, `(${s.municipality})`)),
      element('td', { class: 'num' }, share(s.amountOre, result.totalOre)),
      element('td', { class: 'num' }, kronor(s.amountOre))));
    const table = element('table', { id: 'kalkyl-tabell', class: 'calculator-result' },
      element('caption', {}, `Fördelning av ${kronor(result.totalOre)}`),
      element('thead', {}, element('tr', {}, element('th', { scope: 'col' }, 'Kommun'), element('th', { scope: 'col', class: 'num' }, 'Andel'), element('th', { scope: 'col', class: 'num' }, 'Belopp'))),
      element('tbody', {}, ...rows),
      element('tfoot', {}, element('tr', {}, element('th', { scope: 'row' }, 'Summa'), element('td', { class: 'num' }, share(result.totalOre, result.totalOre)), element('td', { class: 'num' }, kronor(result.totalOre)))));
    content.replaceChildren(
      chart('Varje kommuns andel av beloppet', result.shares.map((s) => ({ label: byCode.get(s.municipality) ?? s.municipality, value: Math.abs(s.amountOre), display: kronor(s.amountOre) }))),
      element('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Fördelningen per kommun', tabindex: 0 }, table));
    status.textContent = `Fördelningen är uppdaterad: ${kronor(result.totalOre)} på ${result.shares.length} kommuner.`;
  }

  /** Errors at their fields (as the server renders them) and as a list in the result. */
  function showErrors(errors) {
    clearErrors();
    for (const { field, message } of errors) {
      const target = document.getElementById(`f-${field}`);
      if (!target || document.getElementById(`f-${field}-fel`)) continue;
      const note = element('p', { class: 'error-message', id: `f-${field}-fel`, 'data-live': '' }, element('span', { class: 'visually-hidden' }, 'Fel: '), message);
      if (target.tagName === 'FIELDSET' || target.tagName === 'DIV' && !target.classList.contains('field')) {
        target.insertBefore(note, target.children[1] ?? null);
      } else {
        target.before(note);
        target.setAttribute('aria-invalid', 'true');
        target.closest('.field')?.classList.add('field-error');
      }
      target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
    }
    content.replaceChildren(element('p', {}, 'Fördelningen kan inte räknas förrän felen i formuläret är rättade:'),
      element('ul', {}, ...errors.map((e) => element('li', {}, element('a', { href: `#f-${e.field}` }, e.message)))));
    status.textContent = `Fördelningen kunde inte räknas: ${errors.length === 1 ? 'ett fel' : `${errors.length} fel`} i formuläret.`;
  }

  /** Remove the errors shown before (both the server's and ours). */
  function clearErrors() {
    form.querySelectorAll('.error-message').forEach((note) => {
      document.querySelectorAll(`[aria-describedby~="${note.id}"]`).forEach((el) => {
        const rest = el.getAttribute('aria-describedby').split(' ').filter((id) => id !== note.id).join(' ');
        if (rest) el.setAttribute('aria-describedby', rest); else el.removeAttribute('aria-describedby');
      });
      note.remove();
    });
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field-error').forEach((el) => el.classList.remove('field-error'));
    document.querySelector('.error-summary')?.remove();
  }

  let timer;
  let latest = 0;
  async function update() {
    const { body, errors, numbers } = request();
    // The address follows the form, so the result can still be shared as a link.
    history.replaceState(null, '', `${form.action}?${new URLSearchParams(new FormData(form))}`);
    if (errors.length) { showErrors(errors); return; }
    const ticket = ++latest;
    let response;
    try {
      response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    } catch {
      if (ticket === latest) status.textContent = 'Fördelningen kunde inte hämtas. Välj Beräkna för att försöka igen.';
      return;
    }
    if (ticket !== latest) return; // a newer change is on its way
    const answer = await response.json().catch(() => ({}));
    if (response.ok) { clearErrors(); showResult(answer); }
    else if (response.status === 400 && Array.isArray(answer.issues)) showErrors(answer.issues.map((i) => ({ field: fieldOf(i.path, numbers), message: i.message })));
    else status.textContent = answer.error || 'Fördelningen kunde inte räknas. Välj Beräkna för att försöka igen.';
  }

  const later = () => { clearTimeout(timer); timer = setTimeout(update, 300); };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
