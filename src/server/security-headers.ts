// Security headers on every response (helmet): a Content-Security-Policy that the built web app passes
// (scripts only from the server itself, no inline script; inline styles allowed because Ant Design
// writes its CSS-in-JS into <style> elements at run time), no framing (clickjacking), no Referer sent
// anywhere (calendar feed URLs carry a token), and the usual sniffing and opener protections.
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

export const CONTENT_SECURITY_POLICY = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  // data: for the inline favicon and antd's icons; blob: for downloads the app builds in the browser.
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  // No upgrade-insecure-requests: offices serve Luoshi over plain HTTP on their own network, where
  // upgraded asset requests would fail.
};

export function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // HSTS only where the server is reached over HTTPS (LUOSHI_SECURE_COOKIES=1 says so); on plain HTTP
    // it would do nothing, and a wrong one would lock browsers out of a later plain-HTTP setup.
    strictTransportSecurity: options.https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
}
