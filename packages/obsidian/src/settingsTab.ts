import { PluginSettingTab, Setting } from 'obsidian';
import type PlansightPlugin from './main.js';
import { vocabularyOf } from './settings.js';

export class PlansightSettingTab extends PluginSettingTab {
  constructor(private plugin: PlansightPlugin) {
    super(plugin.app, plugin);
  }
  override display(): void {
    const { containerEl } = this;
    containerEl.empty();
    const s = this.plugin.settings;
    new Setting(containerEl)
      .setName('Plan folders')
      .setDesc('One folder (ending in /) or glob per line. Empty: every Markdown file that looks like a plan.')
      .addTextArea((t) =>
        t.setValue(s.planFolders.join('\n')).onChange(async (v) => {
          s.planFolders = v.split('\n').map((x) => x.trim()).filter(Boolean);
          await this.plugin.saveSettings(true);
        }),
      );
    new Setting(containerEl)
      .setName('Status vocabulary')
      .setDesc('Extra words and emoji, one "word = status" per line (status: todo, in-progress, blocked, waiting, next, done, cancelled).')
      .addTextArea((t) =>
        t.setValue(s.extraStatusWords).onChange(async (v) => {
          s.extraStatusWords = v;
          const { errors } = vocabularyOf(v);
          if (!errors.length) await this.plugin.saveSettings(true);
        }),
      );
    new Setting(containerEl)
      .setName('Estimate mapping')
      .setDesc('Days per size (XS S M L XL) and hours per day, used for the critical path: "XS=0.5 S=1 M=2.5 L=4.5 XL=8 h=8".')
      .addText((t) =>
        t
          .setValue(
            `${Object.entries(s.estimates.sizeDays)
              .map(([k, d]) => `${k}=${d}`)
              .join(' ')} h=${s.estimates.hoursPerDay}`,
          )
          .onChange(async (v) => {
            const sizeDays: Record<string, number> = {};
            let hoursPerDay = s.estimates.hoursPerDay;
            for (const m of v.matchAll(/([A-Za-z]+)\s*=\s*(\d+(?:\.\d+)?)/g)) {
              if (m[1] === 'h') hoursPerDay = Number(m[2]);
              else sizeDays[m[1]!.toUpperCase()] = Number(m[2]);
            }
            s.estimates = { sizeDays: { ...s.estimates.sizeDays, ...sizeDays }, hoursPerDay };
            await this.plugin.saveSettings(true);
          }),
      );
    new Setting(containerEl)
      .setName('New-day template')
      .setDesc('Heading of a new day in DAILY_STATUS.md; {{date}} is today.')
      .addText((t) =>
        t.setValue(s.newDayTemplate).onChange(async (v) => {
          s.newDayTemplate = v || '# Daily Status - {{date}}';
          await this.plugin.saveSettings();
        }),
      );
    new Setting(containerEl)
      .setName('Keep an index cache')
      .setDesc('Keep the parsed plans in index-cache.bin in the plugin folder, so that a restart reads only the files changed since.')
      .addToggle((t) =>
        t.setValue(s.indexCache).onChange(async (v) => {
          s.indexCache = v;
          await this.plugin.saveSettings();
        }),
      );
    new Setting(containerEl)
      .setName('Daily status file')
      .addText((t) =>
        t.setValue(s.dailyStatusPath).onChange(async (v) => {
          s.dailyStatusPath = v.trim() || 'DAILY_STATUS.md';
          await this.plugin.saveSettings();
        }),
      );
  }
}
