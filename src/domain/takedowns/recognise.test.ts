import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProviderIndex, recogniseProvider } from './recognise.js';

const seed = JSON.parse(readFileSync(new URL('../../../seed/providers/providers.json', import.meta.url), 'utf8')) as {
  providers: Array<{ id: string; domains: string[] }>;
};
const index = buildProviderIndex(seed.providers);

/** Real-world URL shapes, one or more per directory provider. */
const urlShapes: Array<[string, string]> = [
  ['https://www.facebook.com/groups/123456/posts/789012/', 'facebook'],
  ['https://m.facebook.com/story.php?story_fbid=1&id=2', 'facebook'],
  ['https://web.facebook.com/profile.php?id=100000000000001', 'facebook'],
  ['https://fb.watch/abcD1234/', 'facebook'],
  ['https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com', 'facebook'],
  ['https://scontent.xx.fbcdn.net/v/t39.30808-6/123_n.jpg', 'facebook'],
  ['https://lookaside.fbsbx.com/lookaside/crawler/media/?media_id=1', 'facebook'],
  ['https://www.instagram.com/p/C1a2B3c4D5e/', 'instagram'],
  ['https://instagram.com/reel/C9xYz/?igsh=abc', 'instagram'],
  ['https://www.messenger.com/t/100000000000001', 'messenger'],
  ['https://m.me/some.page', 'messenger'],
  ['https://wa.me/15145550199', 'whatsapp'],
  ['https://chat.whatsapp.com/AbCdEfGhIjK', 'whatsapp'],
  ['https://www.threads.net/@someone/post/C8abc', 'threads'],
  ['https://www.tiktok.com/@user.name/video/7300000000000000000', 'tiktok'],
  ['https://vm.tiktok.com/ZMabc123/', 'tiktok'],
  ['https://x.com/someone/status/1800000000000000000', 'x'],
  ['https://twitter.com/someone/status/1', 'x'],
  ['https://mobile.twitter.com/someone', 'x'],
  ['https://t.co/AbC123xyz', 'x'],
  ['https://youtu.be/dQw4w9WgXcQ?t=42', 'youtube'],
  ['https://m.youtube.com/shorts/abcdefghijk', 'youtube'],
  ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube'],
  ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'youtube'],
  ['https://www.snapchat.com/add/someone', 'snapchat'],
  ['https://story.snapchat.com/p/abc', 'snapchat'],
  ['https://www.reddit.com/r/montreal/comments/abc123/un_titre/', 'reddit'],
  ['https://old.reddit.com/r/quebec/comments/xyz789/', 'reddit'],
  ['https://redd.it/abc123', 'reddit'],
  ['https://i.redd.it/abcdef.jpg', 'reddit'],
  ['https://discord.gg/AbCdEf', 'discord'],
  ['https://discord.com/channels/123/456/789', 'discord'],
  ['https://cdn.discordapp.com/attachments/1/2/image.png', 'discord'],
  ['https://www.linkedin.com/in/some-one-123/', 'linkedin'],
  ['https://ca.linkedin.com/posts/someone_activity-1', 'linkedin'],
  ['https://lnkd.in/eAbCdEf', 'linkedin'],
  ['https://www.pinterest.ca/pin/123456789012345678/', 'pinterest'],
  ['https://pin.it/AbCdEf', 'pinterest'],
  ['https://www.pinterest.co.uk/pin/1/', 'pinterest'],
  ['https://www.twitch.tv/somechannel', 'twitch'],
  ['https://clips.twitch.tv/SomeClipSlug', 'twitch'],
  ['https://t.me/somechannel/123', 'telegram'],
  ['https://telegram.me/someone', 'telegram'],
  ['https://www.google.com/search?q=nom+prenom', 'google_search'],
  ['https://www.google.ca/search?q=nom', 'google_search'],
  ['https://www.google.co.uk/search?q=nom', 'google_search'],
  ['https://www.bing.com/search?q=nom', 'bing'],
  ['https://www.ratemyteachers.com/some-teacher/123', 'review_sites'],
  ['https://www.ratemyprofessors.com/professor/123', 'review_sites'],
  ['https://sites.google.com/view/some-site', 'web_host'],
  ['https://www.bbc.co.uk/news/articles/abc', 'web_host'],
  ['https://www.priv.gc.ca/en/', 'web_host'],
  ['https://un-blogue-quelconque.example.qc.ca/billet', 'web_host'],
  ['https://someone.blogspot.com/2026/01/post.html', 'web_host'],
  ['http://203.0.113.5/page', 'web_host'],
  ['https://notfacebook.com/facebook.com', 'web_host'],
  ['https://facebook.com.evil.example/x', 'web_host'],
];

describe('provider recognition', () => {
  it.each(urlShapes)('%s → %s', (url, expected) => {
    expect(recogniseProvider(url, index).providerId).toBe(expected);
  });

  it('gives the registrable domain by the Public Suffix List', () => {
    expect(recogniseProvider('https://www.bbc.co.uk/news', index).registrableDomain).toBe('bbc.co.uk');
    expect(recogniseProvider('https://www.priv.gc.ca/en/', index).registrableDomain).toBe('priv.gc.ca');
    expect(recogniseProvider('https://a.b.example.qc.ca/', index).registrableDomain).toBe('example.qc.ca');
    expect(recogniseProvider('http://203.0.113.5/', index).registrableDomain).toBeNull();
  });

  it('treats an unreadable URL as a web host', () => {
    expect(recogniseProvider('not a url', index).providerId).toBe('web_host');
  });

  it('knows providers added to the directory', () => {
    const custom = buildProviderIndex([...seed.providers, { id: 'mastodon_qc', domains: ['mastodon.quebec'] }]);
    expect(recogniseProvider('https://mastodon.quebec/@someone/1', custom).providerId).toBe('mastodon_qc');
    // A listed host claims its subdomains, never its siblings.
    const forum = buildProviderIndex([{ id: 'forum', domains: ['forum.example.qc.ca'] }]);
    expect(recogniseProvider('https://www.forum.example.qc.ca/t/1', forum).providerId).toBe('forum');
    expect(recogniseProvider('https://blog.example.qc.ca/', forum).providerId).toBe('web_host');
  });
});
