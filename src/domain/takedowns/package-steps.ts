// The report package's numbered steps (Takedown issue): what the person filing does, in order,
// for the provider's channel from the directory: preserve first, open the channel (in the app,
// a web form, a legal form, an e-mail), who may file, the addresses, the text to paste, the
// evidence to attach, and sending the provider's reference back to IT. Each step is a catalogue
// key with its parameters; the caller renders it in the reader's language.
import type { ProviderChannel } from './directory.js';

export interface PackageStep {
  key: string;
  params: Record<string, string | number>;
}

export interface PackageStepsInput {
  providerName: string;
  channel: ProviderChannel | undefined;
  filer: 'board' | 'staff_member';
  urlCount: number;
  locationsWithoutEvidence: number;
  attachments: number;
  hasMandate: boolean;
}

function mailAddress(url: string): string {
  return url.replace(/^mailto:/i, '').split('?')[0] ?? url;
}

export function packageSteps(input: PackageStepsInput): PackageStep[] {
  const steps: PackageStep[] = [];
  const provider = input.providerName;
  steps.push({
    key: input.locationsWithoutEvidence > 0 ? 'takedown.package.step.preserve_missing' : 'takedown.package.step.preserve',
    params: { count: input.locationsWithoutEvidence },
  });
  const channel = input.channel;
  if (!channel) {
    steps.push({ key: 'takedown.package.step.open_unknown', params: { provider } });
  } else if (channel.method === 'in_app') {
    steps.push({ key: 'takedown.package.step.open_in_app', params: { provider, url: channel.url } });
  } else if (channel.method === 'email') {
    steps.push({ key: 'takedown.package.step.open_email', params: { provider, address: mailAddress(channel.url) } });
  } else if (channel.method === 'legal_form') {
    steps.push({ key: 'takedown.package.step.open_legal_form', params: { provider, url: channel.url } });
  } else {
    steps.push({ key: 'takedown.package.step.open_web_form', params: { provider, url: channel.url } });
  }
  if (channel?.loginRequired) steps.push({ key: 'takedown.package.step.login', params: { provider } });
  const victimOnly = channel !== undefined && !channel.whoMayFile.includes('representative') && !channel.whoMayFile.includes('anyone');
  if (victimOnly || input.filer === 'staff_member') steps.push({ key: 'takedown.package.step.victim_files', params: { provider } });
  else if (channel?.whoMayFile.includes('representative')) {
    steps.push({
      key: input.hasMandate ? 'takedown.package.step.mandate_attached' : 'takedown.package.step.mandate_needed',
      params: { provider },
    });
  }
  steps.push({ key: 'takedown.package.step.urls', params: { count: input.urlCount } });
  steps.push({ key: 'takedown.package.step.paste_text', params: {} });
  if (input.attachments > 0) steps.push({ key: 'takedown.package.step.attach', params: { count: input.attachments } });
  steps.push({ key: 'takedown.package.step.send_reference', params: { provider } });
  return steps;
}
