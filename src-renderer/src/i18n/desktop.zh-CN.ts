/** 桌面应用专有 — desktop-shell settings and the passphrase unlock (spread into zh-CN.ts; desktop.en.ts has the same keys). */
const desktopZhCN = {
  desktopSettings: {
    title: '桌面应用',
    intro: '这些设置只影响本机的桌面应用，不随账本备份。',
    webOnly: '仅在桌面应用中可用：浏览器模式没有托盘图标，也不能开机启动。',
    keepRunning: '关闭窗口后在托盘中继续运行',
    keepRunningHint: '窗口关闭后仍按计划自动同步；从托盘图标可重新打开或退出。',
    noTray: '此桌面环境没有托盘区域，关闭窗口即退出。',
    launchAtLogin: '登录系统时自动启动',
    launchAtLoginHint: '登录电脑后自动打开商户账本。',
    launchUnsupported: '此系统或开发模式下无法设置开机启动。',
    loadFailed: '无法读取桌面设置：{message}',
    saveFailed: '无法保存：{message}',
    saved: '已保存',
  },
  unlock: {
    title: '解锁账本',
    createTitle: '设置账本口令',
    intro: '本机的系统密钥环不可用，账本中的密钥和卡密改由口令保护。每次启动时需要输入此口令。',
    createIntro: '本机的系统密钥环不可用，请设置一个口令来保护账本中的密钥和卡密。口令丢失后无法找回已加密的内容，请妥善保管。',
    passphrase: '口令',
    confirm: '再次输入口令',
    submit: '解锁',
    create: '创建并打开',
    unlocking: '正在解锁…',
    tooShort: '口令至少 {min} 个字符',
    mismatch: '两次输入的口令不一致',
    failed: '无法解锁：{message}',
  },
};

export default desktopZhCN;
export type DesktopMessages = typeof desktopZhCN;
