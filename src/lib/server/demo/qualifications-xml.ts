/**
 * A small kwalificatiestructuur export in SBB's own XML format, written for this project
 * from the real export in tests/fixtures/sbb-kwalificatiestructuur-2016 (a unit test checks
 * it against those files), so the dev seed stays small. Content taken from the real
 * 2016 export (dossier numbers, crebos, nrs, codes via hoofdstuk, titles — including their
 * stray trailing spaces — and competence references are real); the texts are shortened
 * (first sentence, cut with "…" when long; one or two behaviour lines).
 *
 * Dossiers and kwalificaties (profielen):
 * - 2755 Dienstverlening (crebo 23189): basisdeel B1-K1 (9 werkprocessen);
 *   P2 Helpende Zorg en Welzijn, crebo 25498, niveau 2 (P2-K1, 3 werkprocessen).
 * - 4156 Maatschappelijke Zorg (crebo 23181, versie "Gewijzigd 2016"): basisdeel B1-K1 (7)
 *   and B1-K2 (2), with per-profiel additions;
 *   P1 Begeleider gehandicaptenzorg, crebo 25475, niveau 3 (P1-K1, 4);
 *   P2 Begeleider specifieke doelgroepen, crebo 25476, niveau 3 (P2-K1, 3).
 * - 2635 Pedagogisch Werk (crebo 23183): basisdeel B1-K1 (8) and B1-K2 (2), with per-profiel
 *   additions; P1 Pedagogisch medewerker kinderopvang, crebo 25486, niveau 3 (P1-K1, 6).
 *
 * The BOM of SBB's files is left out; the 25 competences and 9 sector chambers are complete.
 */
export const DEMO_QUALIFICATIONS_XML: string = `<?xml version="1.0" encoding="utf-8"?>
<sbb>
  <domeinen>
    <domein nr="4135" titel="Zorg en welzijn" crebo="79140" prijsfactor="1.0" />
  </domeinen>
  <sectorkamers>
    <sectorkamer nr="5672" titel="Sectorkamer techniek en gebouwde omgeving" />
    <sectorkamer nr="5673" titel="Sectorkamer mobiliteit, transport, logistiek en maritiem" />
    <sectorkamer nr="5674" titel="Sectorkamer zorg, welzijn en sport" />
    <sectorkamer nr="5675" titel="Sectorkamer handel" />
    <sectorkamer nr="5676" titel="Sectorkamer ICT en creatieve industrie" />
    <sectorkamer nr="5677" titel="Sectorkamer voedsel, groen en gastvrijheid" />
    <sectorkamer nr="5678" titel="Sectorkamer zakelijke dienstverlening en veiligheid" />
    <sectorkamer nr="5679" titel="Sectorkamer specialistisch vakmanschap" />
    <sectorkamer nr="5680" titel="Bovensectoraal" />
  </sectorkamers>
  <competenties>
    <competentie nr="3084" titel="Beslissen en activiteiten initiëren" code="A" />
    <competentie nr="3085" titel="Aansturen" code="B" />
    <competentie nr="3086" titel="Begeleiden" code="C" />
    <competentie nr="3087" titel="Aandacht en begrip tonen" code="D" />
    <competentie nr="3088" titel="Samenwerken en overleggen" code="E" />
    <competentie nr="3089" titel="Ethisch en integer handelen" code="F" />
    <competentie nr="3090" titel="Relaties bouwen en netwerken" code="G" />
    <competentie nr="3091" titel="Overtuigen en beïnvloeden" code="H" />
    <competentie nr="3092" titel="Presenteren" code="I" />
    <competentie nr="3093" titel="Formuleren en rapporteren" code="J" />
    <competentie nr="3094" titel="Vakdeskundigheid toepassen" code="K" />
    <competentie nr="3095" titel="Materialen en middelen inzetten" code="L" />
    <competentie nr="3096" titel="Analyseren" code="M" />
    <competentie nr="3097" titel="Onderzoeken" code="N" />
    <competentie nr="3098" titel="Creëren en innoveren" code="O" />
    <competentie nr="3099" titel="Leren" code="P" />
    <competentie nr="3100" titel="Plannen en organiseren" code="Q" />
    <competentie nr="3101" titel="Op de behoeften en verwachtingen van de &quot;klant&quot; richten" code="R" />
    <competentie nr="3102" titel="Kwaliteit leveren" code="S" />
    <competentie nr="3103" titel="Instructies en procedures opvolgen" code="T" />
    <competentie nr="3104" titel="Omgaan met verandering en aanpassen" code="U" />
    <competentie nr="3105" titel="Met druk en tegenslag omgaan" code="V" />
    <competentie nr="3106" titel="Gedrevenheid en ambitie tonen" code="W" />
    <competentie nr="3107" titel="Ondernemend en commercieel handelen" code="X" />
    <competentie nr="3108" titel="Bedrijfsmatig handelen" code="Y" />
  </competenties>
  <dossiers>
    <dossier nr="2755" titel="Dienstverlening" versie="" referentievorigeversie="" status="Vastgesteld" referentiedomein="4135">
      <dossiercrebos>
        <dossiercrebo ministerie="OCW" prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">23189</dossiercrebo>
      </dossiercrebos>
      <voorblad titel="Voorblad">
        <omschrijving>
          <penvoerder>
            <sectorkamer referentie="5674" />
          </penvoerder>
          <verantwoording>
            <vaststellingsinformatie>
              <vastgestelddoor>Sectorkamer zorg, welzijn en sport</vastgestelddoor>
              <vastgesteldop>26-11-2015</vastgesteldop>
              <vastgesteldte>Zoetermeer</vastgesteldte>
            </vaststellingsinformatie>
          </verantwoording>
        </omschrijving>
      </voorblad>
      <basis titel="Basisdeel">
        <basistaken titel="Beroepsspecifieke onderdelen">
          <basiskerntaken>
            <kerntaak nr="986398" titel="Voert dienstverlenende werkzaamheden uit" hoofdstuk="1">
              <complexiteit><![CDATA[De beroepsbeoefenaar voert eenvoudige dienstverlenende taken uit volgens standaardprocedures en/of afspraak.]]></complexiteit>
              <verantwoordelijkheid><![CDATA[De beroepsbeoefenaar werkt onder verantwoordelijkheid van de leidinggevende.]]></verantwoordelijkheid>
              <basiswerkprocessen>
                <werkproces nr="986399" titel="Bereidt werkzaamheden voor en stemt af" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar ontvangt werkopdrachten en instructies van de leidinggevende en/of neemt deel aan overleg om werkzaamheden af te…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De werkzaamheden zijn juist voorbereid.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- kiest de juiste materialen en middelen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3088" />
                    <competentie referentie="3094" />
                    <competentie referentie="3100" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986400" titel="Maakt ruimtes gebruiksklaar" hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar richt alleen en/of samen met klanten en/of collega’s de werk-, activiteiten- en/of verblijfsruimte in, binnen en/of…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De ruimte is op de juiste wijze ingericht en gebruiksklaar.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- interpreteert het werkplan en/of de aanwijzingen van collega’s juist.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3094" />
                    <competentie referentie="3095" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986401" titel="Treedt op als aanspreekpunt" hoofdstuk="3">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar begroet de klant en staat hem te woord.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De klant is gastvrij ontvangen en juist geïnformeerd. Indien van toepassing zijn gegevens geregistreerd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- staat de klant vriendelijk en duidelijk te woord.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3092" />
                    <competentie referentie="3103" />
                    <competentie referentie="3101" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986402" titel="Voert eenvoudige administratieve werkzaamheden uit" hoofdstuk="4">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar voert eenvoudige administratieve werkzaamheden uit.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De administratieve werkzaamheden zijn volgens afspraak en/of procedure uitgevoerd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- gebruikt de benodigde hulpmiddelen en (documentbeheer)systeem/systemen effectief.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3095" />
                    <competentie referentie="3100" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986403" titel="Assisteert bij voorraadbeheer" hoofdstuk="5">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar inventariseert de voorraad en checkt aanwezigheid, aantal en houdbaarheid van goederen/producten.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De voorraad is op peil.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- volgt het protocol van de organisatie nauwgezet.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3103" />
                    <competentie referentie="3094" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986404" titel="Draagt bij aan een veilige situatie " hoofdstuk="6">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar controleert de veiligheid van faciliteiten en/of materialen en middelen.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De beroepsbeoefenaar heeft op passende wijze bijgedragen aan de veiligheid.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- schat de situatie correct in.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3087" />
                    <competentie referentie="3093" />
                    <competentie referentie="3094" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986406" titel="Voert eenvoudige onderhouds- en herstelwerkzaamheden uit" hoofdstuk="7">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar voert eenvoudig onderhoud uit aan apparatuur, materialen en middelen.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De onderhouds- en herstelwerkzaamheden zijn juist uitgevoerd en gerapporteerd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- past de veiligheidsvoorschriften en geldende organisatieprocedures nauwkeurig toe.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3088" />
                    <competentie referentie="3094" />
                    <competentie referentie="3103" />
                    <competentie referentie="3093" />
                    <competentie referentie="3095" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986407" titel="Voert werkzaamheden uit gericht op voeding" hoofdstuk="8">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar inventariseert de wensen van de klant of ontvangt een opdracht of bestelling voor eten en/of drinken.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De werkzaamheden met betrekking tot voeding zijn volgens planning en instructie uitgevoerd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- past de bereidings- en distributietechnieken volgens instructie toe.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3088" />
                    <competentie referentie="3095" />
                    <competentie referentie="3101" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986405" titel="Evalueert de werkzaamheden" hoofdstuk="9">
                  <werkprocesomschrijving><![CDATA[De beroepsbeoefenaar verzamelt in overleg met de leidinggevende gegevens over zijn functioneren door klanten en/of collega’s feedback te…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De beroepsbeoefenaar heeft de werkzaamheden samen met de leidinggevende geëvalueerd. Zo nodig zijn er actiepunten geformuleerd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepsbeoefenaar:
- verzamelt actief en doelgericht feedback.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3093" />
                    <competentie referentie="3094" />
                    <competentie referentie="3104" />
                  </werkprocescompetenties>
                </werkproces>
              </basiswerkprocessen>
            </kerntaak>
          </basiskerntaken>
        </basistaken>
      </basis>
      <profielen titel="Profieldeel">
        <profiel nr="986409" titel="Helpende Zorg en Welzijn" hoofdstuk="2" niveau="2" beroepsgroep="Zorg">
          <omschrijving>
            <typeringvanhetberoep><![CDATA[De helpende zorg en welzijn kan werken in de eigen woonomgeving van de cliënt*, maar ook in een leefomgeving waarin de cliënt langdurig…]]></typeringvanhetberoep>
            <sbu>3200</sbu>
            <soortopleiding>basisberoepsopleiding</soortopleiding>
          </omschrijving>
          <creboinformatie>
            <crebo ministerie="OCW" prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">25498</crebo>
          </creboinformatie>
          <profielkerntaken>
            <kerntaak nr="986410" titel="Ondersteunt bij  dagelijkse activiteiten in zorg en welzijn " hoofdstuk="1">
              <complexiteit><![CDATA[De helpende zorg en welzijn voert uitvoerende, laagcomplexe werkzaamheden uit binnen het kader van gemaakte afspraken.]]></complexiteit>
              <verantwoordelijkheid><![CDATA[De helpende zorg en welzijn heeft binnen het aangereikte takenpakket een zelfstandig uitvoerende rol.]]></verantwoordelijkheid>
              <profielwerkprocessen>
                <werkproces nr="986411" titel="Ondersteunt bij wonen en huishouden" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De helpende zorg en welzijn ondersteunt de cliënt, naastbetrokkenen of collega's vraaggericht bij huishouden.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De cliënt is volgens gemaakte afspraken vraaggericht ondersteund bij wonen en huishouden. Relevante gegevens zijn overgedragen.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De helpende zorg en welzijn:
- luistert aandachtig naar de wensen, behoeften en mogelijkheden van de zorgvrager en naastbetrokkenen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3095" />
                    <competentie referentie="3103" />
                    <competentie referentie="3101" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986412" titel="Ondersteunt bij persoonlijke zorg en ADL" hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De helpende zorg en welzijn ondersteunt de cliënt, naastbetrokkenen of collega's vraaggericht bij persoonlijke zorg en activiteiten van het…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De cliënt is volgens gemaakte afspraken vraaggericht ondersteund bij persoonlijke zorg en ADL. Relevante gegevens zijn overgedragen.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De helpende zorg en welzijn:
- kiest passende middelen, materialen en methoden.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3087" />
                    <competentie referentie="3095" />
                    <competentie referentie="3101" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="986413" titel="Assisteert bij de uitvoering van sociale en recreatieve activiteiten" hoofdstuk="3">
                  <werkprocesomschrijving><![CDATA[De helpende zorg en welzijn assisteert bij de uitvoering van sociale en recreatieve activiteiten.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De helpende zorg en welzijn heeft op een professionele wijze een bijdrage geleverd aan de uitvoering van sociale en recreatieve activiteiten.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De helpende zorg en welzijn:
- betrekt actief de cliënt bij de activiteit.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3087" />
                    <competentie referentie="3101" />
                    <competentie referentie="3104" />
                    <competentie referentie="3103" />
                    <competentie referentie="3105" />
                  </werkprocescompetenties>
                </werkproces>
              </profielwerkprocessen>
            </kerntaak>
          </profielkerntaken>
        </profiel>
      </profielen>
    </dossier>
    <dossier nr="4156" titel="Maatschappelijke Zorg" versie="Gewijzigd 2016" referentievorigeversie="2631" status="Vastgesteld" referentiedomein="4135">
      <dossiercrebos>
        <dossiercrebo ministerie="OCW" prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">23181</dossiercrebo>
      </dossiercrebos>
      <voorblad titel="Voorblad">
        <omschrijving>
          <penvoerder>
            <sectorkamer referentie="5674" />
          </penvoerder>
          <verantwoording>
            <vaststellingsinformatie>
              <vastgestelddoor>Sectorkamer zorg, welzijn en sport</vastgestelddoor>
              <vastgesteldop>26-11-2015</vastgesteldop>
              <vastgesteldte>Zoetermeer</vastgesteldte>
            </vaststellingsinformatie>
          </verantwoording>
        </omschrijving>
      </voorblad>
      <basis titel="Basisdeel">
        <basistaken titel="Beroepsspecifieke onderdelen">
          <basiskerntaken>
            <kerntaak nr="1216605" titel="Bieden van ondersteunende, activerende begeleiding en zorg" hoofdstuk="1">
              <complexiteit><![CDATA[De beroepskracht maatschappelijke zorg beschikt over kennis en vaardigheden om de individuele cliënt en/of groepen cliënten en/of…]]></complexiteit>
              <verantwoordelijkheid><![CDATA[De beroepskracht maatschappelijke zorg biedt solistisch of in teamverband vraaggericht zorg en ondersteuning bij de persoonlijke…]]><verantwoordelijkheidperprofiel><aanvullend><profiel referentie="1216553" /><verantwoordelijkheid><![CDATA[De begeleider gehandicaptenzorg werkt bij de uitvoering van haar werkzaamheden onder regie en eindverantwoordelijkheid van het team of van…]]></verantwoordelijkheid></aanvullend><aanvullend><profiel referentie="1216560" /><verantwoordelijkheid><![CDATA[De begeleider specifieke doelgroepen werkt bij de uitvoering van haar werkzaamheden onder regie en eindverantwoordelijkheid van het team of…]]></verantwoordelijkheid></aanvullend></verantwoordelijkheidperprofiel></verantwoordelijkheid>
              <basiswerkprocessen>
                <werkproces nr="1216606" titel="Inventariseert ondersteuningsvragen van de cliënt" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg inventariseert de eigen kracht, mogelijkheden en ondersteuningsvragen van de cliënt door: gesprekken…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De beroepskracht maatschappelijke zorg heeft de ondersteuningsvraag geïnventariseerd door op een actieve en betrokken manier te luisteren…]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- toont belangstelling voor en betrokkenheid bij de cliënt en naastbetrokkenen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3087" />
                    <competentie referentie="3097" />
                    <competentie referentie="3096" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216607" titel="Ondersteunt de cliënt bij de persoonlijke verzorging" hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg ondersteunt de cliënt bij het realiseren van doelen ten aanzien van de persoonlijke lichamelijke…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De cliënt en naastbetrokkenen zijn respectvol benaderd en hebben passende ondersteuning ontvangen bij de persoonlijke verzorging.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- creëert adequaat mogelijkheden voor de cliënt om zich op het gebied van persoonlijke verzorging te ontwikkelen en doelen te bereiken.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3086" />
                    <competentie referentie="3087" />
                    <competentie referentie="3089" />
                    <competentie referentie="3094" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216608" titel="Ondersteunt de cliënt bij wonen en huishouden" hoofdstuk="3">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg ondersteunt de cliënt bij wonen en huishouden.]]><werkprocesomschrijvingperprofiel><aanvullend><profiel referentie="1216553" /><omschrijving><![CDATA[De begeleider gehandicaptenzorg ondersteunt de cliënt bij het uitvoeren van eenvoudige (financiële) administratieve werkzaamheden.]]></omschrijving></aanvullend><aanvullend><profiel referentie="1216560" /><omschrijving><![CDATA[De begeleider specifieke doelgroepen ondersteunt de cliënt bij het uitvoeren van eenvoudige (financiële) administratieve werkzaamheden.]]></omschrijving></aanvullend></werkprocesomschrijvingperprofiel></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De cliënt heeft passende ondersteuning ontvangen op het gebied van wonen en huishouden.]]><werkprocesresultaatperprofiel><aanvullend><profiel referentie="1216553" /><omschrijving><![CDATA[Taken op het gebied van wonen en huishouden zijn op een professionele en methodische wijze uitgevoerd.]]></omschrijving></aanvullend><aanvullend><profiel referentie="1216560" /><omschrijving><![CDATA[Taken op het gebied van wonen en huishouden zijn op een professionele en methodische wijze uitgevoerd.]]></omschrijving></aanvullend></werkprocesresultaatperprofiel></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- vraagt de cliënt en naastbetrokkenen doelbewust naar hun mogelijkheden en wensen om goed aan te kunnen sluiten bij hun(fysieke, psychische en mentale) mogelijkheden en behoeften.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3086" />
                    <competentie referentie="3095" />
                    <competentie referentie="3101" />
                    <competentie referentie="3103" />
                    <competentie referentie="3094" />
                    <competentie referentie="3088" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216609" titel="Ondersteunt de cliënt bij dagbesteding" hoofdstuk="4">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg ondersteunt de cliënt bij het realiseren van zijn mogelijkheden, wensen en behoeften op het gebied…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De cliënt is ondersteund bij het realiseren van zijn doelen ten aanzien van werk, scholing en/of vrije tijd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- kiest de juiste materialen en middelen voor de activiteiten die zij organiseert.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3086" />
                    <competentie referentie="3087" />
                    <competentie referentie="3095" />
                    <competentie referentie="3100" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216610" titel="Reageert op onvoorziene en crisissituaties" hoofdstuk="5">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg signaleert en onderneemt actie bij onvoorziene- en crisissituaties die het gevolg zijn van…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Onvoorziene- en crisissituaties zijn waar mogelijk voorkomen.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- hanteert consequent haar eigen grenzen en gevoelens tijdens en na een crisissituatie.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3088" />
                    <competentie referentie="3103" />
                    <competentie referentie="3105" />
                    <competentie referentie="3087" />
                    <competentie referentie="3086" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216611" titel="Stemt de werkzaamheden af" hoofdstuk="6">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg stemt af en neemt deel aan voor de afstemming relevante overlegvormen.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Werkzaamheden onderling zijn afgestemd waardoor kwaliteit, continuïteit en eenduidigheid gewaarborgd zijn.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- voert tijdig en regelmatig overleg met alle betrokkenen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3088" />
                    <competentie referentie="3100" />
                    <competentie referentie="3090" />
                    <competentie referentie="3091" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216612" titel="Evalueert de geboden ondersteuning" hoofdstuk="7">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg evalueert de geboden ondersteuning en de vastgestelde doelen met de cliënt en betrokkenen.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Resultaten van de ondersteuning en de mate van tevredenheid van de cliënt en naastbetrokkenen zijn vastgelegd en in overleg met cliënt en…]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- vraagt actief en doelgericht naar de mening van de cliënt en andere betrokkenen over de geboden ondersteuning.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3087" />
                    <competentie referentie="3093" />
                    <competentie referentie="3096" />
                  </werkprocescompetenties>
                </werkproces>
              </basiswerkprocessen>
            </kerntaak>
            <kerntaak nr="1216613" titel="Werken aan kwaliteit en deskundigheid" hoofdstuk="2">
              <complexiteit><![CDATA[De beroepskracht maatschappelijke zorg beschikt over brede kennis en vaardigheden om te werken aan kwaliteit en deskundigheid.]]></complexiteit>
              <verantwoordelijkheid><![CDATA[De beroepskracht maatschappelijke zorg werkt zelfstandig aan het bevorderen van de eigen deskundigheid en levert een bijdrage aan de…]]></verantwoordelijkheid>
              <basiswerkprocessen>
                <werkproces nr="1216614" titel="Werkt aan de eigen deskundigheid" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg werkt aan haar eigen deskundigheid.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De beroepskracht maatschappelijke zorg heeft haar persoonlijk ontwikkelplan uitgevoerd waardoor zij haar deskundigheid verder ontwikkeld…]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- verkent actief mogelijkheden om kennis te vergaren, te delen en samen te ontwikkelen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3094" />
                    <competentie referentie="3093" />
                    <competentie referentie="3099" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216615" titel="Werkt aan bevorderen en bewaken van kwaliteitszorg" hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De beroepskracht maatschappelijke zorg werkt mee aan het verbeteren van de kwaliteit van de beroepstaken en werkzaamheden.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De beroepskracht maatschappelijke zorg heeft vanuit haar eigen deskundigheid een bijdrage geleverd aan het bevorderen en bewaken van de kwaliteitszorg.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De beroepskracht maatschappelijke zorg:
- is nauwkeurig in het volgen van voorgeschreven protocollen, procedures en wettelijke richtlijnen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3103" />
                    <competentie referentie="3091" />
                    <competentie referentie="3102" />
                  </werkprocescompetenties>
                </werkproces>
              </basiswerkprocessen>
            </kerntaak>
          </basiskerntaken>
        </basistaken>
      </basis>
      <profielen titel="Profieldeel">
        <profiel nr="1216553" titel="Begeleider gehandicaptenzorg" hoofdstuk="1" niveau="3" beroepsgroep="Welzijn">
          <omschrijving>
            <typeringvanhetberoep><![CDATA[Typerend voor begeleider gehandicaptenzorg is dat ze zorg en ondersteuning biedt aan mensen van alle leeftijden met verstandelijke…]]></typeringvanhetberoep>
            <sbu>4800</sbu>
            <soortopleiding>vakopleiding</soortopleiding>
          </omschrijving>
          <creboinformatie>
            <crebo ministerie="OCW" prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">25475</crebo>
          </creboinformatie>
          <profielkerntaken>
            <kerntaak nr="1216554" titel="Bieden van zorg en ondersteuning in de gehandicaptenzorg" hoofdstuk="1">
              <complexiteit><![CDATA[De begeleider gehandicaptenzorg beschikt over kennis en vaardigheden om zorg en ondersteuning te bieden aan cliënten van alle leeftijden…]]></complexiteit>
              <verantwoordelijkheid><![CDATA[De begeleider gehandicaptenzorg biedt zelfstandig en in teamverband zorg en ondersteuning in de gehandicaptenzorg.]]></verantwoordelijkheid>
              <profielwerkprocessen>
                <werkproces nr="1216555" titel="Ondersteunt en motiveert een groep cliënten bij activiteiten" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De begeleider gehandicaptenzorg ontwikkelt en organiseert activiteiten.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Cliënten hebben in een groep, waarin ze veilig zijn en prettig met elkaar omgaan, activiteiten uitgevoerd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De begeleider gehandicaptenzorg:
- schept duidelijke kansen en mogelijkheden voor cliënten om zich te ontwikkelen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3086" />
                    <competentie referentie="3088" />
                    <competentie referentie="3095" />
                    <competentie referentie="3100" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216556" titel="Ondersteunt, informeert en adviseert de cliënt en naastbetrokkenen bij het behouden en stimuleren van de ontwikkeling" hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De begeleider in de gehandicaptenzorg zorgt dat de cliënt zijn ontwikkeling gericht op zelfmanagement en sociale en/of maatschappelijke…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Cliënt en naastbetrokkenen hebben passende ondersteuning ontvangen bij het behouden en stimuleren van de ontwikkeling.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De begeleider gehandicaptenzorg:
- geeft duidelijke adviezen aan de cliënt m.b.t. de omgang met sociale media en internet om zijn sociale vaardigheden op dit gebied te vergroten.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3086" />
                    <competentie referentie="3094" />
                    <competentie referentie="3104" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216557" titel="Voert verpleegtechnische handelingen uit" hoofdstuk="3">
                  <werkprocesomschrijving><![CDATA[De begeleider gehandicaptenzorg voert, daar waar het voorkomt, verpleegtechnische handelingen uit binnen haar bevoegdheden en met…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De verpleegtechnische handelingen zijn op een professionele manier, volgens de wet- en regelgeving uitgevoerd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De begeleider gehandicaptenzorg:
- voert alleen verpleegtechnische handelingen uit waarvoor zij bekwaam is (bekwaam wil zeggen dat de uitvoerder op het moment van uitvoering de noodzakelijke kennis en vaardigheden bezit. Onbekwaam betekent onbevoegd en dus strafbaar).]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3094" />
                    <competentie referentie="3095" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216558" titel="Begeleidt nieuwe collega's, stagiaires en/of vrijwilligers" hoofdstuk="4">
                  <werkprocesomschrijving><![CDATA[De begeleider gehandicaptenzorg werkt nieuwe collega’s in en begeleidt studenten, stagiaires en/of vrijwilligers.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De begeleider gehandicaptenzorg heeft er door middel van passende begeleiding voor gezorgd dat de expertise van de nieuwe collega’s…]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De begeleider gehandicaptenzorg:
- stimuleert actief nieuwe collega’s, studenten en/of stagiaires om zich te ontwikkelen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3085" />
                    <competentie referentie="3086" />
                    <competentie referentie="3087" />
                    <competentie referentie="3094" />
                  </werkprocescompetenties>
                </werkproces>
              </profielwerkprocessen>
            </kerntaak>
          </profielkerntaken>
        </profiel>
        <profiel nr="1216560" titel="Begeleider specifieke doelgroepen" hoofdstuk="2" niveau="3" beroepsgroep="Welzijn">
          <omschrijving>
            <typeringvanhetberoep><![CDATA[Typerend voor de begeleider specifieke doelgroepen is dat zij cliënten ondersteunt van alle leeftijden met (chronische) ziekten zoals…]]></typeringvanhetberoep>
            <sbu>4800</sbu>
            <soortopleiding>vakopleiding</soortopleiding>
          </omschrijving>
          <creboinformatie>
            <crebo ministerie="OCW" prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">25476</crebo>
          </creboinformatie>
          <profielkerntaken>
            <kerntaak nr="1216561" titel="Bieden van ondersteuning aan specifieke doelgroepen" hoofdstuk="1">
              <complexiteit><![CDATA[De begeleider specifieke doelgroepen beschikt over kennis en vaardigheden om ondersteuning te bieden aan cliënten met (chronische) ziekten…]]></complexiteit>
              <verantwoordelijkheid><![CDATA[De begeleider specifieke doelgroepen biedt zelfstandig of in teamverband zorg en ondersteuning aan specifieke doelgroepen.]]></verantwoordelijkheid>
              <profielwerkprocessen>
                <werkproces nr="1216562" titel="Levert een bijdrage aan het ondersteuningsplan" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De begeleider specifieke doelgroepen levert een bijdrage aan het samen met de cliënt opstellen van het ondersteuningsplan.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De bijdrage aan het ondersteuningsplan is samen met de cliënt opgesteld, het voldoet aan de professionele eisen en het is vastgesteld door de eindverantwoordelijke.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De begeleider specifieke doelgroepen:
- vraagt actief de mening van de cliënt, naastbetrokkenen en collega’s over de bijdrage aan het ondersteuningsplan.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3088" />
                    <competentie referentie="3093" />
                    <competentie referentie="3101" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216563" titel="Begeleidt specifieke doelgroepen en hun naastbetrokkenen bij (dagelijkse) activiteiten  " hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De begeleider specifieke doelgroepen bereidt activiteiten voor door te zorgen dat materialen en middelen aanwezig zijn en informeert de…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De cliënt is gestimuleerd om zijn begeleidingsdoelen te realiseren.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De begeleider specifieke doelgroepen:
- bereidt de activiteiten ruim op tijd voor.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3086" />
                    <competentie referentie="3088" />
                    <competentie referentie="3095" />
                    <competentie referentie="3100" />
                    <competentie referentie="3092" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="1216564" titel="Ondersteunt de cliënt gericht op zelfmanagement en/of maatschappelijke participatie " hoofdstuk="3">
                  <werkprocesomschrijving><![CDATA[De begeleider specifieke doelgroepen stimuleert de cliënt tot deelname aan activiteiten ter bevordering van de regie over zijn eigen leven…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Het zelfmanagement en/of de maatschappelijke participatie van de cliënt is versterkt.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De begeleider specifieke doelgroepen:
- schept zorgvuldig kansen en mogelijkheden voor de cliënt om zijn zelfstandigheid en zelfredzaamheid te vergroten.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3086" />
                    <competentie referentie="3101" />
                  </werkprocescompetenties>
                </werkproces>
              </profielwerkprocessen>
            </kerntaak>
          </profielkerntaken>
        </profiel>
      </profielen>
    </dossier>
    <dossier nr="2635" titel="Pedagogisch Werk" versie="" referentievorigeversie="" status="Vastgesteld" referentiedomein="4135">
      <dossiercrebos>
        <dossiercrebo ministerie="OCW" prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">23183</dossiercrebo>
      </dossiercrebos>
      <voorblad titel="Voorblad">
        <omschrijving>
          <penvoerder>
            <sectorkamer referentie="5674" />
          </penvoerder>
          <verantwoording>
            <vaststellingsinformatie>
              <vastgestelddoor>Sectorkamer zorg, welzijn en sport</vastgestelddoor>
              <vastgesteldop>26-11-2015</vastgesteldop>
              <vastgesteldte>Zoetermeer</vastgesteldte>
            </vaststellingsinformatie>
          </verantwoording>
        </omschrijving>
      </voorblad>
      <basis titel="Basisdeel">
        <basistaken titel="Beroepsspecifieke onderdelen">
          <basiskerntaken>
            <kerntaak nr="966104" titel="Begeleiden van kinderen bij hun ontwikkeling" hoofdstuk="1">
              <complexiteit><![CDATA[De pedagogisch werker werkt in groepsverband met kinderen, leerlingen of studenten aan hun ontwikkeling en draagt bij aan hun opvoeding.]]></complexiteit>
              <verantwoordelijkheid><![CDATA[De pedagogisch medewerker kinderopvang werkt samen met collega's in een team.]]></verantwoordelijkheid>
              <basiswerkprocessen>
                <werkproces nr="966105" titel="Inventariseert behoeften en wensen van het kind" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker verzamelt informatie over het kind door te inventariseren wat de wensen en behoeften van het kind zelf zijn en/of…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De ontwikkeling van het kind en zijn wensen en behoeften met betrekking tot de begeleiding zijn duidelijk vastgelegd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- creëert vertrouwen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3089" />
                    <competentie referentie="3097" />
                    <competentie referentie="3101" />
                    <competentie referentie="3103" />
                    <competentie referentie="3087" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966106" titel="Bereidt de uitvoering van activiteiten voor" hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker bereidt de uitvoering van activiteiten voor.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De activiteiten zijn voorbereid.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- regelt ruim van tevoren activiteiten.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3095" />
                    <competentie referentie="3100" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966107" titel="Richt ruimten in ter voorbereiding op activiteiten " hoofdstuk="3">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker zorgt ter voorbereiding op activiteiten voor het inrichten van de ruimte alsook voor de materialen die daarbij nodig…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De ruimte en de materialen zijn geschikt voor het uitvoeren van de beoogde activiteiten, zijn passend voor de gestelde ontwikkelingsdoelen…]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- kiest passende materialen afgestemd op het doel.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3095" />
                    <competentie referentie="3103" />
                    <competentie referentie="3096" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966108" titel="Stemt de werkzaamheden af met betrokkenen" hoofdstuk="4">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker stemt af en neemt deel aan voor de afstemming relevante overlegvormen.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Werkzaamheden zijn onderling afgestemd waardoor kwaliteit, continuïteit en eenduidigheid gewaarborgd zijn.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- voert tijdig en regelmatig overleg met alle betrokkenen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3088" />
                    <competentie referentie="3100" />
                    <competentie referentie="3091" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966109" titel="Stimuleert de ontwikkeling door het aanbieden van activiteiten" hoofdstuk="5">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker biedt het kind ontwikkelingsgerichte activiteiten aan, gericht op de reguliere/gemiddelde motorische, cognitieve en…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De kinderen zijn in hun ontwikkeling gestimuleerd door het uitvoeren van activiteiten.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- gebruikt materialen effectief en vindingrijk.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3086" />
                    <competentie referentie="3094" />
                    <competentie referentie="3095" />
                    <competentie referentie="3104" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966110" titel="Ondersteunt bij verzorgende taken " hoofdstuk="6">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker begeleidt kinderen om zelfredzaam te worden op het gebied van persoonlijke verzorging, toiletgang, aan- en uitkleden…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Het kind is gestimuleerd tot zelfredzaamheid ten aanzien van zijn persoonlijke verzorging. Bij ziekte en ongevallen is adequaat gehandeld en zijn betrokkenen geïnformeerd.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- gaat discreet om met lichaamscontact tijdens de persoonlijke verzorging.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3087" />
                    <competentie referentie="3089" />
                    <competentie referentie="3101" />
                    <competentie referentie="3103" />
                    <competentie referentie="3094" />
                    <competentie referentie="3086" />
                    <competentie referentie="3104" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966111" titel="Zorgt voor een veilig pedagogisch klimaat " hoofdstuk="7">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker zorgt voor een optimaal groepsklimaat door een positieve en enthousiaste houding te tonen, aandacht te schenken aan…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Een groep waarin het kind veilig is en zich thuis voelt en waarin kinderen prettig met elkaar omgaan.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- behandelt de kinderen rechtvaardig.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3085" />
                    <competentie referentie="3087" />
                    <competentie referentie="3104" />
                    <competentie referentie="3086" />
                    <competentie referentie="3103" />
                    <competentie referentie="3094" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966112" titel="Evalueert de werkzaamheden " hoofdstuk="8">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker evalueert, periodiek en aan het eind van het uitvoeringstraject, de werkzaamheden/dienstverlening, zowel naar proces…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De pedagogisch werker heeft relevante evaluatiegegevens verzameld en heeft gereflecteerd op haar werkwijze.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- kiest passende methode(n) om evaluatiegegevens te verzamelen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3093" />
                    <competentie referentie="3096" />
                    <competentie referentie="3087" />
                    <competentie referentie="3088" />
                    <competentie referentie="3097" />
                  </werkprocescompetenties>
                </werkproces>
              </basiswerkprocessen>
            </kerntaak>
            <kerntaak nr="966113" titel="Werken aan kwaliteit en deskundigheid" hoofdstuk="2">
              <complexiteit><![CDATA[De pedagogisch werker verricht werkzaamheden ten behoeve van de kwaliteit van de dienstverlening en haar eigen deskundigheid.]]><complexiteitperprofiel><aanvullend><profiel referentie="966072" /><complexiteit><![CDATA[De pedagogisch medewerker kinderopvang maakt gebruik van algemene kennis van het werkveld, de organisatie en kwaliteitszorg.]]></complexiteit></aanvullend></complexiteitperprofiel></complexiteit>
              <verantwoordelijkheid><![CDATA[De pedagogisch werker voert haar taken zelfstandig uit en draagt daarvoor zelf verantwoordelijkheid.]]></verantwoordelijkheid>
              <basiswerkprocessen>
                <werkproces nr="966114" titel="Werkt aan de eigen deskundigheid" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker werkt aan haar eigen deskundigheid.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De pedagogisch werker heeft haar persoonlijk ontwikkelplan uitgevoerd waardoor zij haar deskundigheid verder ontwikkeld heeft.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- haalt betekenis uit teksten met hoge informatiedichtheid: zowel mondeling als schriftelijk.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3094" />
                    <competentie referentie="3099" />
                    <competentie referentie="3093" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966115" titel="Werkt aan het bewaken en bevorderen van kwaliteitszorg" hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De pedagogisch werker werkt mee aan het verbeteren van de kwaliteit van de beroepstaken en werkzaamheden.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De pedagogisch werker heeft vanuit haar eigen deskundigheid een bijdrage geleverd aan het bevorderen en bewaken van de kwaliteitszorg.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch werker:
- is zorgvuldig in het volgen van voorgeschreven protocollen, procedures en wettelijke richtlijnen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3103" />
                    <competentie referentie="3102" />
                  </werkprocescompetenties>
                </werkproces>
              </basiswerkprocessen>
            </kerntaak>
          </basiskerntaken>
        </basistaken>
      </basis>
      <profielen titel="Profieldeel">
        <profiel nr="966072" titel="Pedagogisch medewerker kinderopvang" hoofdstuk="1" niveau="3" beroepsgroep="Welzijn">
          <omschrijving>
            <typeringvanhetberoep><![CDATA[De pedagogisch medewerker kinderopvang werkt binnen een (integraal) kindercentrum waar diensten als kinderopvang, buitenschoolse opvang…]]></typeringvanhetberoep>
            <sbu>4800</sbu>
            <soortopleiding>vakopleiding</soortopleiding>
          </omschrijving>
          <creboinformatie>
            <crebo ministerie="OCW" prijsfactor="1,10" Geldig_vanaf="01-08-2015" Datum_einde_instroom="" Datum_einde_opleiding="">25486</crebo>
          </creboinformatie>
          <profielkerntaken>
            <kerntaak nr="966073" titel="Opvoeden en ontwikkelen van het kind/de kinderen in de kinderopvang" hoofdstuk="1">
              <complexiteit><![CDATA[De pedagogisch medewerker biedt de kinderen opvang en zorg gedurende de dag of delen van de dag en biedt een stimulerende omgeving voor de…]]></complexiteit>
              <verantwoordelijkheid><![CDATA[De pedagogisch medewerker kinderopvang werkt samen met collega's in een team.]]></verantwoordelijkheid>
              <profielwerkprocessen>
                <werkproces nr="966074" titel="Voert gesprekken met de ouders/vervangende opvoeders en het kind" hoofdstuk="1">
                  <werkprocesomschrijving><![CDATA[De pedagogisch medewerker kinderopvang voert een kennismakingsgesprek met het kind en de ouders/vervangende opvoeders, om de situatie…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De pedagogisch medewerker kinderopvang heeft op een juiste wijze gesprekken gevoerd met de ouders/vervangende opvoeders en het kind en…]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch medewerker kinderopvang:
- inventariseert doelgericht de wensen en verwachtingen van de ouders/vervangende opvoeders.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3101" />
                    <competentie referentie="3087" />
                    <competentie referentie="3094" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966075" titel="Stelt een activiteitenprogramma op " hoofdstuk="2">
                  <werkprocesomschrijving><![CDATA[De pedagogisch medewerker kinderopvang stelt zich op de hoogte van het ontwikkelingsniveau wensen en interesses van de kinderen waar het…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Een activiteitenprogramma dat aansluit bij de wensen en ontwikkeling(sbehoeften) van de kinderen en dat uitvoerbaar is binnen de organisatie en de groep.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch medewerker kinderopvang:
- stimuleert effectief kinderen tot het leveren van input voor het activiteitenprogramma.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3100" />
                    <competentie referentie="3088" />
                    <competentie referentie="3094" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966076" titel="Maakt een plan van aanpak voor de begeleiding " hoofdstuk="3">
                  <werkprocesomschrijving><![CDATA[De pedagogisch medewerker kinderopvang maakt een plan van aanpak voor de begeleiding van een individueel kind, voor de begeleiding van de…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Er is een duidelijk en uitvoerbaar plan van aanpak. Het kind/de kinderen, ouders/vervangende opvoeders en collega's zijn op de hoogte gesteld van de inhoud van het plan van aanpak.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch medewerker kinderopvang:
- verzamelt relevante en betrouwbare informatie.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3088" />
                    <competentie referentie="3093" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966077" titel="Zorgt voor uitvoering van een dagprogramma" hoofdstuk="4">
                  <werkprocesomschrijving><![CDATA[De pedagogisch medewerker kinderopvang biedt het kind opvang / een '(tweede) thuis' en begeleiding door het verzorgen van een…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Het dagprogramma is volgens plan uitgevoerd. De kinderen zijn professioneel begeleid. Bijzonderheden zijn gemeld.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch medewerker kinderopvang:
- toont overwicht in haar handelen.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3085" />
                    <competentie referentie="3086" />
                    <competentie referentie="3087" />
                    <competentie referentie="3088" />
                    <competentie referentie="3104" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966078" titel="Biedt persoonlijke verzorging" hoofdstuk="5">
                  <werkprocesomschrijving><![CDATA[De pedagogisch medewerker kinderopvang biedt het kind persoonlijke verzorging.]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[Het kind heeft op een prettige en veilige manier de benodigde zorg ontvangen en heeft daarbij persoonlijke aandacht gekregen. Bij bijzonderheden is tijdig en effectief gehandeld.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[De pedagogisch medewerker kinderopvang:
- geeft het kind een op de persoon toegesneden verzorging.]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3089" />
                    <competentie referentie="3094" />
                    <competentie referentie="3101" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
                <werkproces nr="966079" titel="Draagt zorg voor huishoudelijke werkzaamheden" hoofdstuk="6">
                  <werkprocesomschrijving><![CDATA[De pedagogisch medewerker kinderopvang zorgt ervoor dat de opvoeding en ontwikkeling van de kinderen in een opgeruimde, schone, hygiënische…]]></werkprocesomschrijving>
                  <werkprocesresultaat><![CDATA[De begeleiding, opvoeding en ontwikkeling van de kinderen kan plaatsvinden in een opgeruimde, schone, hygiënische en gezonde omgeving.]]></werkprocesresultaat>
                  <werkprocesgedrag><![CDATA[-De pedagogisch medewerker kinderopvang:]]></werkprocesgedrag>
                  <werkprocescompetenties>
                    <competentie referentie="3095" />
                    <competentie referentie="3103" />
                  </werkprocescompetenties>
                </werkproces>
              </profielwerkprocessen>
            </kerntaak>
          </profielkerntaken>
        </profiel>
      </profielen>
    </dossier>
  </dossiers>
</sbb>
`;
