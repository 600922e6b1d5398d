// Turning our own HTML (the PDF dossier) into PDF. Implemented with Chromium's print engine in
// src/adapters/pdf/chromium-pdf.ts: full CSS and UTF-8, no network, no scripts.
export interface PdfRenderer {
  render(html: string, options?: { headerLabel?: string; footerLabel?: string }): Promise<Buffer>;
  close(): Promise<void>;
}
