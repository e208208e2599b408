// leakverify team UI: uploads with progress, live run progress, token selection.
// Loaded by every team page (CSP script-src 'self'); it only ever sets textContent, never HTML.

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function errorText(xhr) {
  try {
    const body = JSON.parse(xhr.responseText);
    if (body && typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `the server answered ${xhr.status}`;
}

/** Streams the chosen file as the request body (PUT), so the server never buffers it. */
function setUpUpload(form) {
  const input = form.querySelector('input[type="file"]');
  const bar = form.querySelector('progress');
  const status = form.querySelector('.upload-status');
  const button = form.querySelector('button');
  const max = Number(form.dataset.max);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) return;
    if (max && file.size > max) {
      status.textContent = `This file (${formatBytes(file.size)}) is larger than the limit of ${formatBytes(max)}.`;
      status.className = 'upload-status error';
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `${form.dataset.upload}?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    bar.hidden = false;
    button.disabled = true;
    status.className = 'upload-status';
    status.textContent = 'Uploading…';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) {
        status.textContent = 'Uploaded and encrypted.';
        window.location.assign(`${window.location.pathname}?ok=uploaded`);
        return;
      }
      button.disabled = false;
      bar.hidden = true;
      status.className = 'upload-status error';
      status.textContent = `Upload failed: ${errorText(xhr)}`;
    });
    xhr.addEventListener('error', () => {
      button.disabled = false;
      bar.hidden = true;
      status.className = 'upload-status error';
      status.textContent = 'Upload failed: the connection was interrupted (is the file over the limit?).';
    });
    xhr.send(file);
  });
}

/** Polls a queued or running run and updates its progress; reloads the page when it ends. */
function watchRun(element) {
  const id = element.dataset.runId;
  const label = element.querySelector('[data-progress-label]');
  const rows = element.querySelector('[data-progress-rows]');
  const badge = element.querySelector('.status');
  const tick = async () => {
    try {
      const response = await fetch(`/api/runs/${encodeURIComponent(id)}`, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (response.ok) {
        const { run } = await response.json();
        if (run.status !== 'queued' && run.status !== 'running') {
          window.location.assign(window.location.pathname);
          return;
        }
        if (badge && (run.status === 'queued' || run.status === 'running')) {
          badge.textContent = run.status;
          badge.className = `status status-${run.status}`;
        }
        if (label) label.textContent = run.progress.label;
        if (rows) rows.textContent = Number(run.progress.rows).toLocaleString('en-US');
      }
    } catch {
      // A missed poll is retried on the next tick.
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 500);
}

document.addEventListener('DOMContentLoaded', () => {
  for (const form of document.querySelectorAll('form[data-upload]')) setUpUpload(form);
  for (const element of document.querySelectorAll('[data-run-id]')) {
    const status = element.dataset.status;
    if (element.dataset.runId && (status === 'queued' || status === 'running')) watchRun(element);
  }
  for (const element of document.querySelectorAll('[data-select]')) {
    element.addEventListener('click', () => window.getSelection().selectAllChildren(element));
  }
});
