/*
 * Electora badge check, run entirely in the browser: the badge's QR code holds a compact JWS (EdDSA over Ed25519,
 * kid = RFC 7638 thumbprint). It is verified with WebCrypto against the commission's published keys (JWKS, retired
 * keys included), its dates are compared with this device's clock in the commission's zone, and its number is
 * looked up in the last revocation list downloaded. Keys and revocation list are kept in localStorage and the page
 * itself by a service worker, so that the check keeps working without a network. Same order of checks and the same
 * reasons as the server's BadgeCredentials.verifyOffline/verifyOnline.
 */
(() => {
  'use strict';
  const app = document.getElementById('verify-app');
  if (!app) return;
  const KEYS_STORE = 'electora.badgecheck.keys';
  const REVOCATIONS_STORE = 'electora.badgecheck.revocations';
  const OFFLINE_HEADER = 'x-electora-offline-copy';
  const FETCHED_HEADER = 'x-electora-fetched-at';
  const $ = id => document.getElementById(id);
  const t = (key, ...args) => (app.getAttribute('data-t-' + key) || key)
    .replace(/\{(\d)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));

  let keys = [];              // the JWKS "keys" array
  let revocations = null;     // {revoked: [...], fetchedAt: ISO string}
  let online = false;

  const load = name => { try { return JSON.parse(localStorage.getItem(name)); } catch (e) { return null; } };
  const save = (name, value) => { try { localStorage.setItem(name, JSON.stringify(value)); } catch (e) { /* full or private mode */ } };

  /** A fresh answer from the server, or null when offline (the service worker marks its cached copies). */
  async function fetchFresh(url, etag) {
    const headers = etag ? { 'If-None-Match': etag } : {};
    try {
      const r = await fetch(url, { headers, cache: 'no-store' });
      if (r.headers.get(OFFLINE_HEADER)) return { offlineCopy: await r.json(), fetchedAt: r.headers.get(FETCHED_HEADER) };
      if (r.status === 304) return { notModified: true };
      if (!r.ok) return null;
      return { json: await r.json(), etag: r.headers.get('ETag') };
    } catch (e) {
      return null;
    }
  }

  async function refreshKeys() {
    const stored = load(KEYS_STORE);
    const got = await fetchFresh(app.dataset.keysUrl);
    if (got && got.json && Array.isArray(got.json.keys)) {
      keys = got.json.keys;
      save(KEYS_STORE, { keys, fetchedAt: new Date().toISOString() });
    } else if (stored && Array.isArray(stored.keys)) {
      keys = stored.keys;
    } else if (got && got.offlineCopy && Array.isArray(got.offlineCopy.keys)) {
      keys = got.offlineCopy.keys;
    }
  }

  async function refreshRevocations() {
    const stored = load(REVOCATIONS_STORE);
    const got = await fetchFresh(app.dataset.revocationsUrl, stored && stored.etag);
    const now = new Date().toISOString();
    if (got && got.json && Array.isArray(got.json.revoked)) {
      revocations = { revoked: got.json.revoked, etag: got.etag, fetchedAt: now };
      save(REVOCATIONS_STORE, revocations);
      online = true;
    } else if (got && got.notModified && stored) {
      revocations = Object.assign(stored, { fetchedAt: now });
      save(REVOCATIONS_STORE, revocations);
      online = true;
    } else {
      online = false;
      if (stored && Array.isArray(stored.revoked)) {
        revocations = stored;
      } else if (got && got.offlineCopy && Array.isArray(got.offlineCopy.revoked)) {
        revocations = { revoked: got.offlineCopy.revoked, fetchedAt: got.fetchedAt };
      } else {
        revocations = null;
      }
    }
    showNetwork();
  }

  function showNetwork() {
    const status = $('network-status');
    if (online) {
      status.textContent = t('online', revocations.revoked.length);
    } else if (revocations) {
      const when = revocations.fetchedAt ? new Date(revocations.fetchedAt).toLocaleString(app.dataset.lang) : '?';
      status.textContent = t('offline', when, revocations.revoked.length);
    } else {
      status.textContent = t('offline-never');
    }
    status.dataset.online = String(online);
    $('keys-status').textContent = t('keys', keys.length);
  }

  const B64URL = /^[A-Za-z0-9_-]+$/;
  function bytes(segment) {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((segment.length + 3) % 4);
    const raw = atob(base64);
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  const json = segment => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes(segment)));

  /** Today's date (YYYY-MM-DD) in the commission's zone: badge validity dates are dates there, inclusive. */
  function today() {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: app.dataset.zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date());
    const part = type => parts.find(p => p.type === type).value;
    return part('year') + '-' + part('month') + '-' + part('day');
  }

  const notValid = (reason, badge) => ({ valid: false, reason, badge });

  /** The checks, in the server's order: malformed, unknown key, bad signature, dates, revocation. */
  async function verify(input) {
    const token = (input || '').trim();
    const segments = token.split('.');
    if (segments.length !== 3 || !segments.every(s => B64URL.test(s))) return notValid('MALFORMED');
    let header;
    try { header = json(segments[0]); } catch (e) { return notValid('MALFORMED'); }
    if (!header || (header.alg !== 'EdDSA' && header.alg !== 'Ed25519')) return notValid('MALFORMED');
    if (keys.length === 0) return notValid('NO_KEYS');
    const jwk = typeof header.kid === 'string'
      ? keys.find(k => k.kid === header.kid && k.kty === 'OKP' && k.crv === 'Ed25519') : undefined;
    if (!jwk) return notValid('UNKNOWN_KEY');
    let genuine = false;
    try {
      const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x, ext: true },
        { name: 'Ed25519' }, false, ['verify']);
      genuine = await crypto.subtle.verify({ name: 'Ed25519' }, key, bytes(segments[2]),
        new TextEncoder().encode(segments[0] + '.' + segments[1]));
    } catch (e) {
      genuine = false;
    }
    if (!genuine) return notValid('BAD_SIGNATURE');
    let p;
    try { p = json(segments[1]); } catch (e) { return notValid('MALFORMED'); }
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!p || typeof p.bn !== 'string' || typeof p.n !== 'string' || typeof p.o !== 'string' || typeof p.c !== 'string'
        || !date.test(p.vf) || !date.test(p.vu)) return notValid('MALFORMED');
    const badge = { number: p.bn, name: p.n, organisation: p.o, category: p.c, validFrom: p.vf, validUntil: p.vu };
    const day = today();
    if (day < p.vf) return notValid('NOT_YET_VALID', badge);
    if (day > p.vu) return notValid('EXPIRED', badge);
    if (revocations && revocations.revoked.includes(p.bn)) return notValid('REVOKED', badge);
    return { valid: true, badge };
  }

  function show(result) {
    const verdict = $('verdict');
    verdict.hidden = false;
    verdict.className = 'verdict ' + (result.valid ? 'valid' : 'not-valid');
    verdict.dataset.result = result.valid ? 'VALID' : 'NOT_VALID';
    verdict.dataset.reason = result.reason || '';
    $('verdict-title').textContent = result.valid ? t('valid')
      : t('not-valid') + ' — ' + t('reason-' + result.reason.toLowerCase());
    const holder = $('holder');
    holder.hidden = !result.badge;
    if (result.badge) {
      const b = result.badge;
      $('holder-name').textContent = b.name;
      $('holder-organisation').textContent = b.organisation;
      $('holder-category').textContent = t('category-' + b.category.toLowerCase());
      $('badge-number').textContent = b.number;
      $('validity').textContent = b.validFrom + ' – ' + b.validUntil;
    }
  }

  async function check() {
    await refreshRevocations();      // online: the current list; offline: the last one kept, with its time
    show(await verify($('credential').value));
  }

  $('check-form').addEventListener('submit', event => { event.preventDefault(); check(); });

  /** Camera scanning where the browser has a BarcodeDetector; otherwise the text field alone. */
  async function setUpScanner() {
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (!formats.includes('qr_code')) return;
    } catch (e) {
      return;
    }
    const button = $('scan');
    const video = $('camera');
    let stream = null;
    const stop = () => {
      if (stream) stream.getTracks().forEach(track => track.stop());
      stream = null;
      video.hidden = true;
      button.textContent = t('scan');
    };
    button.hidden = false;
    button.addEventListener('click', async () => {
      if (stream) { stop(); return; }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      } catch (e) {
        return;
      }
      video.srcObject = stream;
      video.hidden = false;
      button.textContent = t('stop-scan');
      await video.play();
      const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      const look = async () => {
        if (!stream) return;
        try {
          const codes = await detector.detect(video);
          if (codes.length > 0) {
            $('credential').value = codes[0].rawValue;
            stop();
            check();
            return;
          }
        } catch (e) { /* frame not ready */ }
        setTimeout(look, 250);
      };
      look();
    });
  }

  async function registerWorker() {
    if (!('serviceWorker' in navigator)) return;
    try {
      await navigator.serviceWorker.register(app.dataset.swUrl);
      await navigator.serviceWorker.ready;
      app.dataset.sw = navigator.serviceWorker.controller ? 'controlling' : 'installed';
      navigator.serviceWorker.addEventListener('controllerchange', () => { app.dataset.sw = 'controlling'; });
    } catch (e) {
      app.dataset.sw = 'failed';
    }
  }

  (async () => {
    await Promise.all([refreshKeys(), refreshRevocations()]);
    showNetwork();
    app.dataset.ready = 'true';
    setUpScanner();
    registerWorker();
  })();
})();
