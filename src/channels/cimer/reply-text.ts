import type { ApplicationSource } from '../../requests/request-states.js';

/**
 * The text a Beyaz Masa agent pastes into CİMER / Açık Kapı as the municipality's answer: a greeting by the
 * applicant's name, the application's number and date, the department's answer as it wrote it, and a closing.
 * Always Turkish (the portals' language), dates on the Istanbul calendar.
 */

export interface ReplyFacts {
  source: ApplicationSource;
  externalRef: string;
  appliedAt: Date;
  callerName: string | null;
  departmentName: string | null;
  answer: string;
  /** The closing's signature, e.g. "Kayseri Büyükşehir Belediyesi — Beyaz Masa" (config channels.cimer.replySignature). */
  signature: string;
}

const PORTALS: Record<ApplicationSource, string> = { cimer: 'CİMER', 'acik-kapi': 'Açık Kapı' };
const DAY = new Intl.DateTimeFormat('tr-TR', { timeZone: 'Europe/Istanbul', day: '2-digit', month: '2-digit', year: 'numeric' });

export function replyText(facts: ReplyFacts): string {
  const name = facts.callerName?.trim();
  const greeting = name ? `Sayın ${name},` : 'Sayın Başvuru Sahibi,';
  const by = facts.departmentName ? ` ${facts.departmentName} tarafından` : '';
  return [
    greeting,
    '',
    `${DAY.format(facts.appliedAt)} tarihinde ${PORTALS[facts.source]} üzerinden yaptığınız ${facts.externalRef} numaralı başvurunuz${by} incelenmiştir.`,
    '',
    facts.answer.trim(),
    '',
    'Bilgilerinize sunar, iyi günler dileriz.',
    '',
    'Saygılarımızla,',
    facts.signature,
  ].join('\n');
}
