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
  recovery: {
    title: '恢复口令',
    intro: '账本中的密钥和卡密由本机的系统密钥环保护。恢复口令是另一把钥匙：换了电脑或系统密钥环损坏时，可用它在桌面应用、命令行和浏览器模式中打开同一个账本。',
    isSet: '已设置口令：可用它在命令行、浏览器模式或其他电脑上打开此账本。',
    keyringOnly: '此账本目前只能由本机的系统密钥环打开。换电脑或系统密钥环损坏后将无法打开，命令行和浏览器模式也无法使用它。',
    passphrase: '恢复口令',
    confirm: '再次输入恢复口令',
    submit: '设置恢复口令',
    saving: '正在设置…',
    keepSafe: '口令不会被保存或显示，丢失后无法找回，请妥善保管。',
    tooShort: '口令至少 {min} 个字符',
    mismatch: '两次输入的口令不一致',
    loadFailed: '无法读取密钥状态：{message}',
    saveFailed: '无法设置恢复口令：{message}',
    saved: '已设置恢复口令',
  },
  unlock: {
    title: '解锁账本',
    createTitle: '设置账本口令',
    intro: '本机的系统密钥环不可用，账本中的密钥和卡密改由口令保护。每次启动时需要输入此口令。',
    introKeyring:
      '本机的系统密钥环还不能打开此账本（例如它由命令行或浏览器模式创建，或来自另一台电脑）。请输入账本口令；解锁后系统密钥环会记住此账本，以后启动不再询问。口令本身不变，命令行和浏览器模式仍然使用它。',
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
