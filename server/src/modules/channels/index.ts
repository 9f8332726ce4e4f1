// The channels port: the module for app.ts, and what group and store codes share with channel codes (schedule
// time zone, stats ranges, QR images, route schemas, the WeCom call wrapper).
export { CHANNEL_TIMEZONE, localTime } from './channel-schedule';
export { createChannelsModule } from './channels.module';
export { IdParams, RangeQuery } from './channels.schemas';
export { resolveRange, type StatsRange } from './channels.service';
export { qrPng } from './export-channel-stats';
export { seedDemoChannels } from './seed-demo-channels';
