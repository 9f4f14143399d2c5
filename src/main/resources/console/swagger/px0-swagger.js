// Starts Swagger UI on px0's OpenAPI document. A file of its own instead of the webjar's inline script, so the
// page runs under the console's Content-Security-Policy (script-src 'self', nothing inline).
window.addEventListener('DOMContentLoaded', () => {
  window.ui = SwaggerUIBundle({
    url: '/openapi',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
